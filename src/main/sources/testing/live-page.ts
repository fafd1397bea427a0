import { HEARTBEAT_FRAME } from '../douyin/frames'

/** The room facts a test live page carries. */
export interface LivePageRoom {
  webRid: string
  roomId: string
  /** 2 live, 4 ended. */
  status: number
  title: string
  anchor: string
  userUniqueId: string
}

/**
 * The SSR state the way the real page ships it: a Next.js flight line inside
 * `self.__pace_f.push([1,"…"])`, i.e. JSON escaped inside a JS string.
 */
export function stateScript(room: LivePageRoom): string {
  const state = {
    state: {
      roomStore: {
        roomInfo: {
          roomId: room.roomId,
          room: {
            id_str: room.roomId,
            status: room.status,
            status_str: String(room.status),
            title: room.title
          },
          anchor: { nickname: room.anchor }
        }
      },
      userStore: { odin: { user_unique_id: room.userUniqueId } }
    }
  }
  const flight = `8:["$","$L12",null,${JSON.stringify(state)}]\n`
  // Split in two chunks like the real page does, so the reader has to join them.
  const cut = Math.floor(flight.length / 2)
  return [flight.slice(0, cut), flight.slice(cut)]
    .map((part) => `<script>self.__pace_f.push([1,${JSON.stringify(part)}])</script>`)
    .join('\n')
}

/** What the page-side client connects to. */
export interface CapturePageOptions {
  /** The full push URL (with a valid signature) the page's own script connects to. */
  pushUrl: string
  heartbeatMs: number
  /** Also fetch this `im/fetch` URL once on load (the page's polling fallback). */
  fetchUrl?: string
}

/**
 * A stand-in for the live page's own client: opens the push WebSocket, sends binary heartbeats,
 * reconnects on close, and reports keep-alive keystrokes it sees (`keepalive:<n>` text frames).
 */
export function captureScript(o: CapturePageOptions): string {
  const cfg = JSON.stringify({
    url: o.pushUrl,
    hb: o.heartbeatMs,
    hbBytes: [...HEARTBEAT_FRAME],
    fetchUrl: o.fetchUrl ?? ''
  })
  return `<script>
(function () {
  var cfg = ${cfg.replace(/</g, '\\u003c')};
  var keys = 0;
  document.addEventListener('keydown', function () { keys++; });
  if (cfg.fetchUrl) fetch(cfg.fetchUrl).catch(function () {});
  function connect() {
    var ws = new WebSocket(cfg.url);
    ws.binaryType = 'arraybuffer';
    var timer;
    ws.onopen = function () {
      ws.send(new Uint8Array(cfg.hbBytes));
      timer = setInterval(function () {
        ws.send(new Uint8Array(cfg.hbBytes));
        if (keys > 0) ws.send('keepalive:' + keys);
      }, cfg.hb);
    };
    ws.onclose = function () { clearInterval(timer); setTimeout(connect, 200); };
  }
  connect();
})();
</script>`
}

/** A whole live page: SSR state, and optionally the page-side push client. */
export function livePageHtml(room: LivePageRoom, capture?: CapturePageOptions): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${room.title} - 抖音直播</title></head>
<body><div id="root">${room.anchor}</div>
${stateScript(room)}
${capture !== undefined ? captureScript(capture) : ''}
</body></html>`
}
