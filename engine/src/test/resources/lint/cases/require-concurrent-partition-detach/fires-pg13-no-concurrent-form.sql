-- md:test server-version=13
ALTER TABLE measurements DETACH PARTITION measurements_2020;
