-- The room's rule for a joint position (`!règle`): 'unanimity' (NULL, the default), 'consent',
-- 'majority:<n>'; checked in Rust.
ALTER TABLE rooms ADD COLUMN joint_rule TEXT;
