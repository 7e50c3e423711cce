UPDATE users SET active = true, nickname = 'x' WHERE id = 1;
