/** One line of a benchmark report's verdict: a target, its limit, the measured value, met or not. */
export interface Target {
  name: string;
  limit: string;
  value: string;
  pass: boolean;
}

export const target = (name: string, limit: string, value: string, pass: boolean): Target => ({
  name,
  limit,
  value,
  pass,
});
