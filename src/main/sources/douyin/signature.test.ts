import { describe, expect, it } from 'vitest'
import { seededRandom } from '../testing/prng'
import { frontierSign, Signer, verifySignature, xMsStub } from './signature'

describe('signature (douyin-protocol.md §1.5 vectors)', () => {
  it('X-MS-STUB matches the browser-capture vector', () => {
    expect(
      xMsStub({
        roomId: '7659772534023654196',
        userUniqueId: '7659776308930922010',
        sdkVersion: '1.0.15'
      })
    ).toBe('94d8b625e851f0a1f70db875514e621c')
  })

  it('frontierSign reproduces both published vectors', () => {
    const stub = '704f436b2558b0d7a1c7e758527dd8f1'
    expect(frontierSign(stub, { counter: 1, flagBit: 1, r1: 63, r2: 63 })).toBe('6pt0VC0aRZDP7n07')
    expect(frontierSign(stub, { counter: 0, flagBit: 0, r1: 0, r2: 6 })).toBe('fD+evFuzasjOC8Uu')
  })

  it('Signer output is 16 chars and verifies against its own parameters only', () => {
    const signer = new Signer(seededRandom(7))
    const p = {
      roomId: '7659772534023654196',
      userUniqueId: '7659776308930922010',
      sdkVersion: '1.0.15'
    }
    for (let i = 0; i < 100; i++) {
      const sig = signer.sign(p)
      expect(sig).toMatch(/^[A-Za-z0-9+/]{16}$/)
      expect(verifySignature(sig, p)).toBe(true)
    }
    expect(verifySignature(signer.sign(p), { ...p, roomId: '7659772534023654197' })).toBe(false)
    expect(verifySignature('00000000', p)).toBe(false)
  })
})
