-- 0010 key standing (issue 20 item 7): PostgreSQL's definer functions change (see its file); SQLite
-- reads the same columns inline, so there is nothing to alter here.
SELECT 1;
