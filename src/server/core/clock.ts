/** The source of "now"; injected so that time-dependent logic is testable without sleeping. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
