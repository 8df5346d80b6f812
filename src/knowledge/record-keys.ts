/** The fields that hold a record's own key, compared in lower case: `id` (SQL ORMs' default primary key) and `_id`
 * (MongoDB's, and so Mongoose's). A lookup passed only such a field of a record reads that record again. */
export const recordKeyFields = ['id', '_id'] as const;
