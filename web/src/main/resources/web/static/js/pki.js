// The little PKI the customer's browser does itself, with WebCrypto only: an EC P-256 key pair, a PKCS#10 CSR
// signed with it, and a PKCS#12 file holding the issued certificate and the key, protected by the customer's
// passphrase (PBES2: PBKDF2-HMAC-SHA256 + AES-256-CBC for the key, HMAC-SHA256 for the file's integrity), the
// form OpenSSL 3 writes and Windows 10 and later, macOS and Firefox import. The private key never leaves this page
// except inside that encrypted file.
'use strict';
const InkanPki = (() => {
  const subtle = window.crypto.subtle;

  // --- DER ---------------------------------------------------------------------------------------------------
  function concat(...parts) {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const p of parts) { out.set(p, offset); offset += p.length; }
    return out;
  }
  function length(n) {
    if (n < 0x80) return Uint8Array.of(n);
    const bytes = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
    return Uint8Array.of(0x80 | bytes.length, ...bytes);
  }
  const tlv = (tag, ...contents) => { const c = concat(...contents); return concat(Uint8Array.of(tag), length(c.length), c); };
  const seq = (...items) => tlv(0x30, ...items);
  const set = (...items) => tlv(0x31, ...items);
  const octets = (bytes) => tlv(0x04, bytes);
  const bits = (bytes) => tlv(0x03, Uint8Array.of(0), bytes);
  const explicit = (n, ...items) => tlv(0xa0 + n, ...items);
  const nul = () => Uint8Array.of(0x05, 0x00);
  const utf8 = (text) => tlv(0x0c, new TextEncoder().encode(text));
  const bmp = (text) => tlv(0x1e, bmpBytes(text, false));
  function unsigned(bytes) { // INTEGER from big-endian unsigned bytes
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    const v = bytes.slice(i);
    return tlv(0x02, v[0] & 0x80 ? concat(Uint8Array.of(0), v) : v);
  }
  const int = (n) => { const b = []; for (let v = n; v > 0; v = Math.floor(v / 256)) b.unshift(v & 0xff); return unsigned(Uint8Array.from(b.length ? b : [0])); };
  function oid(dotted) {
    const arcs = dotted.split('.').map(Number);
    const out = [40 * arcs[0] + arcs[1]];
    for (const arc of arcs.slice(2)) {
      const chunk = [arc & 0x7f];
      for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
      out.push(...chunk);
    }
    return tlv(0x06, Uint8Array.from(out));
  }
  function bmpBytes(text, terminated) { // UTF-16BE, as PKCS#12 wants passwords and friendly names
    const out = new Uint8Array(text.length * 2 + (terminated ? 2 : 0));
    for (let i = 0; i < text.length; i++) { out[2 * i] = text.charCodeAt(i) >> 8; out[2 * i + 1] = text.charCodeAt(i) & 0xff; }
    return out;
  }

  const OID = {
    ecPublicKey: '1.2.840.10045.2.1', ecdsaWithSha256: '1.2.840.10045.4.3.2', commonName: '2.5.4.3',
    data: '1.2.840.113549.1.7.1', shroudedKeyBag: '1.2.840.113549.1.12.10.1.2', certBag: '1.2.840.113549.1.12.10.1.3',
    x509Certificate: '1.2.840.113549.1.9.22.1', friendlyName: '1.2.840.113549.1.9.20', localKeyId: '1.2.840.113549.1.9.21',
    pbes2: '1.2.840.113549.1.5.13', pbkdf2: '1.2.840.113549.1.5.12', hmacWithSha256: '1.2.840.113549.2.9',
    aes256Cbc: '2.16.840.1.101.3.4.1.42', sha256: '2.16.840.1.101.3.4.2.1',
  };

  // --- base64 / PEM --------------------------------------------------------------------------------------------
  function base64(bytes) { let s = ''; for (const b of bytes) s += String.fromCharCode(b); return btoa(s); }
  function pem(label, bytes) {
    return `-----BEGIN ${label}-----\n${base64(bytes).replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END ${label}-----\n`;
  }
  function pemBlocks(text) { // every DER block of a PEM text, in order
    const blocks = [];
    for (const m of text.matchAll(/-----BEGIN [A-Z ]+-----([\s\S]*?)-----END [A-Z ]+-----/g)) {
      blocks.push(Uint8Array.from(atob(m[1].replace(/\s+/g, '')), (c) => c.charCodeAt(0)));
    }
    return blocks;
  }

  // --- key pair and CSR ----------------------------------------------------------------------------------------
  // Extractable only so that the key can be written into the customer's PKCS#12 file; it is never sent anywhere.
  const keyPair = () => subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);

  function ecdsaDer(raw) { // WebCrypto signs r||s; X.509 wants SEQUENCE { r INTEGER, s INTEGER }
    const half = raw.length / 2;
    return seq(unsigned(raw.slice(0, half)), unsigned(raw.slice(half)));
  }

  /** A PKCS#10 CSR in PEM. Inkan takes the subject from its own settings, never from the CSR. */
  async function csr(keys) {
    const spki = new Uint8Array(await subtle.exportKey('spki', keys.publicKey));
    const info = seq(int(0), seq(set(seq(oid(OID.commonName), utf8('inkan')))), spki, explicit(0));
    const signature = new Uint8Array(await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, info));
    return pem('CERTIFICATE REQUEST', seq(info, seq(oid(OID.ecdsaWithSha256)), bits(ecdsaDer(signature))));
  }

  // --- PKCS#12 -------------------------------------------------------------------------------------------------
  const random = (n) => window.crypto.getRandomValues(new Uint8Array(n));
  const KEY_ITERATIONS = 100000;
  const MAC_ITERATIONS = 10000;

  async function shroud(pkcs8, passphrase) { // EncryptedPrivateKeyInfo, PBES2
    const salt = random(16);
    const iv = random(16);
    const base = await subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
    const aes = await subtle.deriveKey({ name: 'PBKDF2', salt, iterations: KEY_ITERATIONS, hash: 'SHA-256' },
      base, { name: 'AES-CBC', length: 256 }, false, ['encrypt']);
    const encrypted = new Uint8Array(await subtle.encrypt({ name: 'AES-CBC', iv }, aes, pkcs8));
    const algorithm = seq(oid(OID.pbes2), seq(
      seq(oid(OID.pbkdf2), seq(octets(salt), int(KEY_ITERATIONS), seq(oid(OID.hmacWithSha256), nul()))),
      seq(oid(OID.aes256Cbc), octets(iv))));
    return seq(algorithm, octets(encrypted));
  }

  // RFC 7292 appendix B.2 with SHA-256, ID 3 (MAC key); 32 bytes are one hash block, so one round suffices.
  async function macKey(passphrase, salt, iterations) {
    const v = 64;
    const fill = (bytes) => { const out = new Uint8Array(Math.ceil(bytes.length / v) * v); for (let i = 0; i < out.length; i++) out[i] = bytes[i % bytes.length]; return out; };
    const password = passphrase.length ? bmpBytes(passphrase, true) : new Uint8Array(0);
    let a = concat(new Uint8Array(v).fill(3), fill(salt), password.length ? fill(password) : password);
    for (let i = 0; i < iterations; i++) a = new Uint8Array(await subtle.digest('SHA-256', a));
    return a;
  }

  const bag = (type, value, attributes) => seq(oid(type), explicit(0, value), ...(attributes ? [set(...attributes)] : []));
  const attribute = (type, value) => seq(oid(type), set(value));
  const dataInfo = (bytes) => seq(oid(OID.data), explicit(0, octets(bytes)));

  /**
   * The customer's PKCS#12 file: their certificate and key (paired by a localKeyId, named by the friendly name) and
   * the issuing CA's certificate, so that the OS store can build the chain.
   */
  async function pkcs12(keys, certificatePem, chainPem, passphrase, name) {
    const certificate = pemBlocks(certificatePem)[0];
    const issuer = pemBlocks(chainPem || '')[0];
    const keyId = new Uint8Array(await subtle.digest('SHA-1', certificate));
    const pairing = [attribute(OID.friendlyName, bmp(name)), attribute(OID.localKeyId, octets(keyId))];
    const certBag = (der) => seq(oid(OID.x509Certificate), explicit(0, octets(der)));
    const certificates = seq(bag(OID.certBag, certBag(certificate), pairing), ...(issuer ? [bag(OID.certBag, certBag(issuer))] : []));
    const pkcs8 = new Uint8Array(await subtle.exportKey('pkcs8', keys.privateKey));
    const key = seq(bag(OID.shroudedKeyBag, await shroud(pkcs8, passphrase), pairing));
    const authenticatedSafe = seq(dataInfo(certificates), dataInfo(key));
    const salt = random(16);
    const hmacKey = await subtle.importKey('raw', await macKey(passphrase, salt, MAC_ITERATIONS),
      { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const mac = new Uint8Array(await subtle.sign('HMAC', hmacKey, authenticatedSafe));
    const macData = seq(seq(seq(oid(OID.sha256), nul()), octets(mac)), octets(salt), int(MAC_ITERATIONS));
    return seq(int(3), dataInfo(authenticatedSafe), macData);
  }

  return { keyPair, csr, pkcs12 };
})();
