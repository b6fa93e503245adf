/** Whether a customer link still takes answers: past its time it is closed, whatever else its request allows. */
export function linkExpired(row: { expires_at: string }, now: Date): boolean {
  return Date.parse(row.expires_at) <= now.getTime();
}
