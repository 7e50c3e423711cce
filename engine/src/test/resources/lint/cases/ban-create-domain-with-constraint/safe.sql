CREATE DOMAIN amount AS numeric;
