/** 0: no error-level finding; 1: error-level findings or more warnings than --max-warnings; 2: usage, configuration or internal error. */
export const exitCodes = { clean: 0, findings: 1, usage: 2 } as const;
