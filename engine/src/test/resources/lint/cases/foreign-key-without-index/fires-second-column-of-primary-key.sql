-- the primary key (order_id, tag_id) leads with order_id: tag_id still needs its own index
CREATE TABLE order_tags (
    order_id bigint NOT NULL,
    tag_id bigint NOT NULL,
    PRIMARY KEY (order_id, tag_id),
    FOREIGN KEY (order_id) REFERENCES orders (id),
    FOREIGN KEY (tag_id) REFERENCES tags (id)
);
CREATE INDEX order_tags_order_id_idx ON order_tags (order_id);
