CREATE TABLE order_tags (
    order_id bigint NOT NULL REFERENCES orders (id),
    tag_id bigint NOT NULL,
    PRIMARY KEY (order_id, tag_id),
    CONSTRAINT order_tags_tag_order UNIQUE (tag_id, order_id),
    FOREIGN KEY (tag_id) REFERENCES tags (id)
);
