package io.github.migrationdelivery.engine.verify;

import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/** Every check's answer at one moment of the window; {@code index} counts from 1. */
public record Sample(int index, Instant at, List<Observation> observations) {

    public Sample {
        observations = List.copyOf(observations);
    }

    /** BREACH when any check breached; else UNKNOWN when any could not be judged; else OK. */
    public Judgement judgement() {
        if (observations.stream().anyMatch(o -> o.judgement() == Judgement.BREACH)) {
            return Judgement.BREACH;
        }
        return observations.stream().anyMatch(o -> o.judgement() == Judgement.UNKNOWN) ? Judgement.UNKNOWN : Judgement.OK;
    }

    /** The named check's number in this sample, when it gave one. */
    public OptionalDouble value(String check) {
        return observations.stream().filter(o -> o.check().equals(check) && o.value().isPresent())
                .mapToDouble(o -> o.value().getAsDouble()).findFirst();
    }
}
