-- md:test transactional=false
VACUUM (ANALYZE) orders;
