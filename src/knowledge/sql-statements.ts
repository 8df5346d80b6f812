/** SQL that opens or ends a transaction on the connection it is sent on (`client.query('BEGIN')`). A `ROLLBACK TO
 * SAVEPOINT` ends nothing. */
export const transactionStatements = {
  begin: /^\s*(?:begin|start\s+transaction)\b/i,
  end: /^\s*(?:commit|end|rollback(?!\s+to\b))\b/i,
} as const;
