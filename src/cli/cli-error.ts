/** Bad input: printed as one line `error: <message>` with exit code 2, no stack trace. */
export class CliError extends Error {}
