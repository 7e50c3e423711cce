-- md:test transactional=false
VACUUM FULL orders;
