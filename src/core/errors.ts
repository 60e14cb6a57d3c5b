// Errors that mean "the user must fix their input or configuration". Pure, so core modules
// (rules validation, report validation) can raise them; every door prints them as one line
// and exits with code 2 (see src/exit.ts).

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
