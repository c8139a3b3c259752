// Runs the browser's pki.js under Node's WebCrypto: makes a key pair and a CSR, has openssl certify it with a
// throwaway CA, and writes the PKCS#12 file. PkiScriptIT checks the results. Usage: node pki-check.mjs PKI_JS DIR PASS
import fs from 'fs';
import { execFileSync } from 'child_process';
const [pkiJs, dir, passphrase] = process.argv.slice(2);
globalThis.window = globalThis;
const InkanPki = new Function(fs.readFileSync(pkiJs, 'utf8') + '\nreturn InkanPki;')();
const keys = await InkanPki.keyPair();
fs.writeFileSync(`${dir}/csr.pem`, await InkanPki.csr(keys));
const openssl = (...args) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
openssl('req', '-in', 'csr.pem', '-verify', '-noout');
openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key',
  '-out', 'ca.pem', '-subj', '/CN=Throwaway CA', '-days', '2');
openssl('x509', '-req', '-in', 'csr.pem', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'cert.pem',
  '-days', '1', '-subj', '/CN=C0012345U001/OU=Inkan Bank Internet Banking CA/O=Inkan Bank, Ltd./C=JP');
const p12 = await InkanPki.pkcs12(keys, fs.readFileSync(`${dir}/cert.pem`, 'utf8'),
  fs.readFileSync(`${dir}/ca.pem`, 'utf8'), passphrase, 'C0012345U001');
fs.writeFileSync(`${dir}/customer.p12`, p12);
