/**
 * Hostile comment text, as a live room can send it: markup, entities, quotes, SSML voice injection,
 * CDATA ends, XML declarations, control characters, lone surrogates, shell syntax.
 */
export const HOSTILE_TEXTS: readonly string[] = [
  '<b>主播</b> & "朋友" \'们\'',
  "</prosody></voice><voice name='en-US-GuyNeural'>hijacked",
  '</voice><voice name="zh-CN-YunxiNeural">换个声音',
  ']]><![CDATA[<speak>',
  '&amp; &lt; &#x3C; &#60; already escaped?',
  'bell\u0007 nul\u0000 esc\u001b vt\u000b ff\u000c del ok\u007f',
  'lone surrogate \ud800 and \udc00 here, pair 😀 ok',
  '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;',
  'line1\nline2\r\nline3\ttab',
  '$(rm -rf /) `id` ${x} %s %n \\ /'
]
