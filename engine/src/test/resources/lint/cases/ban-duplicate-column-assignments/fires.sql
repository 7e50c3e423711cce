UPDATE users SET active = true, active = false WHERE id = 1;
