import type { codesZh } from './codes-zh'

/** English words for the codes the main process sends (see codes-zh.ts). */
export const codesEn: Record<keyof typeof codesZh, string> = {
  'err.replay-missing': 'Cannot find or read the recording: {file}',
  'err.replay-needs-file': 'Enter the path of a recording (.jsonl).',
  'err.replay-unreadable': 'The recording cannot be read: {file}',
  'err.bad-room-url':
    'This is not a Douyin live room link or number. Paste a link like live.douyin.com/<number>, or the room number.',
  'err.bad-relay-url': 'The relay address must start with ws:// or wss://, e.g. {example}.',
  'err.unknown-source': 'Unknown source “{kind}”. Choose Douyin, Relay, Demo or Replay.',
  'err.share-text-no-link':
    'This share text has no link in it. In Douyin use “Share → Copy link”, or open the room in a desktop browser and copy the live.douyin.com address.',
  'err.not-a-room-link':
    'This Douyin link is not a live room (a profile or a video?). Open the room in a desktop browser and copy the live.douyin.com/<number> address.',
  'err.share-link-unresolved':
    'This short link does not lead to a live room page. Open the room in a desktop browser and copy the live.douyin.com/<number> address, or enter the room number.',
  'err.share-link-network':
    'Cannot open this short link: {net}. Paste the live.douyin.com link or the room number instead.',
  'err.bad-douyin-mode': 'The Douyin connection mode must be automatic, direct or page capture.',
  'err.bad-douyin-base': 'The Douyin address setting is wrong; it needs an http(s) address.',
  'err.bad-douyin-ws': 'The Douyin push address setting is wrong; it needs a ws(s) address.',
  'err.room-not-found': 'This live room was not found. Check the link or room number.',
  'err.DEVICE_BLOCKED':
    'Douyin blocked connections from this device. Switch to page capture in Settings → Live room, or use a relay.',
  'err.handshake-rejected':
    'Douyin keeps refusing the connection. Switch to page capture in Settings → Live room.',
  'err.capture-unavailable': 'Cannot open the Douyin page to capture comments (needs Chromium).',
  'err.capture-driver-missing':
    'Page capture needs the playwright-core package, which is not installed here; use direct mode.',
  'err.need-session': 'Connect to a live room (or the demo) first.',
  'err.preview-busy': 'The previous sample is still playing.',
  'err.preview-synth-failed': 'This voice could not speak the sample; check the engine settings.',
  'err.preview-not-played': 'The sample was not played: the audio device is not available.',
  'err.no-server': 'The local server behind the OBS link is not running.',
  'err.settings-not-saved':
    'Settings not saved: the disk refused the write (read-only or full); the previous settings stay.',
  'err.rate-limited': 'Too many requests at once; nothing was done. Try again.',
  'err.superseded': 'A newer connect or disconnect replaced this one.',
  'err.forbidden': 'This link can only show the OBS overlay, not control the app.',
  'err.no-room': 'That room ({key}) is no longer in this session.',
  'err.last-room': 'The last room cannot be removed; use Disconnect to stop.',
  'err.room-joined': 'That room is already being read.',
  'err.too-many-rooms': 'At most {max} rooms can be read at once.',
  'err.failed': 'That did not work ({code}).',

  'issue.too-big': 'must be at most {max}',
  'issue.too-small': 'must be at least {min}',
  'issue.too-long': 'too long (at most {max})',
  'issue.too-short': 'needs at least {min}',
  'issue.empty': 'must not be empty',
  'issue.not-integer': 'enter a whole number',
  'issue.not-number': 'enter a number',
  'issue.wrong-type': 'wrong kind of value',
  'issue.bad-choice': 'choose one of the options',
  'issue.bad-format': 'wrong format',
  'issue.bad-url': 'enter a full web address',
  'issue.unknown-setting': 'unknown setting (a typo?)',
  'issue.invalid': 'this value cannot be used',
  'issue.min-over-max': 'min must not exceed max',
  'issue.template-empty':
    'a template cannot be empty: that event type would never be read. Switch the type off instead.',
  'issue.template-stray-close': '“]” at character {at} has no “[” before it',
  'issue.template-unclosed': '“[” at character {at} is never closed',
  'issue.template-nested': '[…] groups cannot contain [ ]',
  'issue.template-placeholder': 'unknown placeholder {{name}}; use {list}',
  'issue.template-weight': 'weights must be 1–1000 (got {weight})',
  'issue.thresholds-increase': 'each of the four thresholds must be larger than the one before',
  'issue.too-many': 'at most {max}',
  'issue.hotkey': 'like CommandOrControl+Alt+S; empty for none',
  'issue.device-name': 'choose an output device from the list',
  'issue.recording-name': 'a file name ending in .wav, without folders',
  'issue.voice-name': 'letters, digits, _ + - only',
  'issue.rate-or-zero': 'use 0 (the global rate) or 80–450',
  'issue.control-chars': 'no line breaks or control characters',
  'issue.edge-voice': 'a voice name like zh-CN-XiaoxiaoNeural',
  'issue.edge-pitch': 'like +0Hz or -10%',
  'issue.edge-volume': 'like +0% or -20%',
  'issue.letters-digits': 'letters and digits only',
  'issue.version-format': 'a version like 1-143.0.3650.96',
  'issue.api-key': 'no spaces or non-ASCII characters in a key',
  'issue.http-url': 'must start with http:// or https://',
  'issue.culture': 'a language tag like zh-CN',
  'issue.param-name': 'parameter names: letters, digits and _ only',
  'issue.not-over': 'must not exceed “{other}”',
  'issue.cookie': 'paste the whole Cookie line copied from the browser',
  'issue.engine-unsupported': '“{engine}” cannot run on this computer: {why}',

  'notice.settings-recovered': 'Settings file damaged; defaults restored (the file was kept)',
  'notice.settings-fields-reset': 'Some settings in the file were invalid and are back to defaults',
  'notice.audio-device': 'Audio device error',
  'notice.source-failed': 'Connection failed',
  'notice.pipeline': 'Internal error',
  'notice.engine-substituted': 'The chosen voice cannot run here; the offline voice speaks',
  'notice.engine-circuit-open': 'The online voice is failing; the offline voice speaks for now',
  'notice.overlay-port-busy': 'The OBS link’s port is taken',
  'notice.settings-read-only': 'The settings folder is read-only; changes cannot be saved',
  'notice.other': 'Notice',
  'noticeBody.settings-recovered': 'The damaged file was kept as {backup}',
  'noticeBody.settings-fields-reset': 'Back to defaults: {fields}',
  'noticeBody.engine-substituted':
    '“{engine}” cannot run on this computer ({why}); “{used}” speaks instead.',
  'noticeBody.engine-circuit-open':
    '“{engine}” kept failing: the offline voice speaks for {seconds} s, then it is tried again.',
  'noticeBody.overlay-port-busy':
    'Port {port} is used by another program, so {used} is used this time. Update the link in OBS, or pick another port in Settings → Output and restart.',
  'noticeBody.audio-device':
    'The player cannot use the output device. Lines it could not play count as “not played”.',
  'noticeBody.pipeline': 'Something failed inside; DanmuVoice recovers by itself.',

  'reason.relay-not-running':
    'The relay (BarrageGrab) is not running: start it and DanmuVoice connects by itself.',
  'reason.relay-bad-answer':
    'What runs at this address is not the relay; check the relay address and port.',

  'net.ENOTFOUND': 'server address not found (name lookup failed; offline?)',
  'net.EAI_AGAIN': 'name lookup failed for now (unstable network)',
  'net.ECONNREFUSED': 'connection refused (nothing runs on that port)',
  'net.ECONNRESET': 'the other side cut the connection',
  'net.ETIMEDOUT': 'the connection timed out',
  'net.EHOSTUNREACH': 'the host cannot be reached',
  'net.ENETUNREACH': 'the network is unreachable',
  'net.other': 'network error ({errno})',

  'engineReason.needs-windows': 'Windows only',
  'engineReason.needs-macos': 'macOS only',
  'engineReason.not-installed': 'the espeak-ng program is not installed',
  'voiceNote.espeak-missing': 'The espeak-ng program was not found; the built-in voice is used.',
  'voiceNote.type-voice': 'This engine cannot list its voices; type the voice name.',
  'voiceNote.no-os-voices': 'No voices of this engine could be listed on this computer.'
}
