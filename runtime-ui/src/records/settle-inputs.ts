/**
 * JSON Forms' inputs hand their value over 300 ms after the last keystroke (their flush on blur
 * does not always reach the pending timer). A save pressed right after typing (Enter, or a quick
 * click) would miss the last edit: blur the field and let the timer run before reading the data.
 */
export async function settleInputs(): Promise<void> {
  const active = document.activeElement;
  if (active instanceof HTMLElement) active.blur();
  await new Promise((resolve) => setTimeout(resolve, 350));
}
