/**
 * Injected into the live page so it does not decide we are idle ("挂机" detection, protocol §5.2 A):
 * it reports the page as visible, sends a synthetic Alt keydown and a mouse move every interval,
 * and keeps the video paused and muted (we only want the comments). Not Douyin's code; ours.
 */
export function keepAliveScript(intervalMs: number): string {
  return `(() => {
  if (window.__danmuVoiceKeepAlive) return;
  window.__danmuVoiceKeepAlive = true;
  try {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    document.hasFocus = () => true;
  } catch (e) {}
  document.addEventListener('visibilitychange', (e) => e.stopImmediatePropagation(), true);
  let x = 10;
  setInterval(() => {
    x = x === 10 ? 11 : 10;
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Alt', code: 'AltLeft', bubbles: true }));
    document.dispatchEvent(new KeyboardEvent('keyup', { key: 'Alt', code: 'AltLeft', bubbles: true }));
    document.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: 10, bubbles: true }));
    for (const v of document.querySelectorAll('video')) { v.muted = true; if (!v.paused) v.pause(); }
  }, ${Math.max(50, Math.floor(intervalMs))});
})();`
}
