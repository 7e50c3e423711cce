package io.github.migrationdelivery.pipeline

/**
 * The user's side of the one-liner: the deploy and appTests closures, recording what they were
 * asked to do. Serializable (and so are its closures' owner), as a Jenkinsfile's closures are.
 */
class Application implements Serializable {

    final List<String> trail
    final List<String> deployed = []
    final List<List<String>> tested = []

    Application(List<String> trail) {
        this.trail = trail
    }

    Closure deploy() {
        return { String image ->
            deployed << image
            trail << "deploy ${image}".toString()
        }
    }

    Closure tests() {
        return { String jdbcUrl, String image -> tested << [jdbcUrl, image] }
    }
}
