/** An error's name, message and first stack frame, for logs. */
export const describe = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const frame = error.stack?.split('\n')[1]?.trim();
  return `${error.name}: ${error.message}${frame === undefined ? '' : ` (${frame})`}`;
};
