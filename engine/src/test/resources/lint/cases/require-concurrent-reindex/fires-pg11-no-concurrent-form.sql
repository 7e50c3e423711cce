-- md:test server-version=11
REINDEX TABLE orders;
