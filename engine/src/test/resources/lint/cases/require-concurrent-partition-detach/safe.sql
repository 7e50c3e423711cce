-- md:test transactional=false
ALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY;
