// 証明書発行確認 → 処理中 → 発行完了 on one page: the key pair made here stays in this page's memory, the server
// sees only the CSR, and the customer gets the key back only inside the PKCS#12 file they save.
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const csrf = { [document.querySelector('meta[name="_csrf_header"]').content]: document.querySelector('meta[name="_csrf"]').content };
  const main = $('main');
  const steps = ['step-confirm', 'step-processing', 'step-done', 'step-error'];

  function show(step) {
    for (const s of steps) $(s).hidden = s !== step;
    const heading = $(step).querySelector('h1');
    if (heading) heading.focus(); // screen readers and keyboards land on the new screen's title
  }
  function fail(message) {
    $('issue-error').textContent = message || $('text-unexpected').textContent;
    show('step-error');
  }
  async function json(response) {
    try { return await response.json(); } catch (e) { return {}; }
  }

  async function issue() {
    const passphrase = $('passphrase').value;
    const error = $('confirm-error');
    if (passphrase.length < 8) { error.textContent = $('text-short').textContent; error.hidden = false; $('passphrase').focus(); return; }
    if (passphrase !== $('passphrase-again').value) { error.textContent = $('text-mismatch').textContent; error.hidden = false; $('passphrase-again').focus(); return; }
    error.hidden = true;
    $('issue').disabled = true;
    show('step-processing');
    try {
      const keys = await InkanPki.keyPair();
      const csr = await InkanPki.csr(keys);
      const submitted = await fetch(main.dataset.requestUrl, {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', ...csrf }, body: JSON.stringify({ csr }),
      });
      if (!submitted.ok) { fail((await json(submitted)).detail); return; }
      let outcome;
      do { // each call waits on the server (?wait=) until the request leaves PENDING or the wait is over
        const answer = await fetch(main.dataset.outcomeUrl, { credentials: 'same-origin', cache: 'no-store' });
        outcome = await json(answer);
        if (!answer.ok) { fail(outcome.detail); return; }
      } while (outcome.status === 'PENDING');
      if (outcome.status !== 'ISSUED') { fail(outcome.message); return; }
      await done(keys, outcome.certificate, passphrase);
    } catch (e) {
      fail();
    }
  }

  async function done(keys, certificate, passphrase) {
    $('cert-o').textContent = certificate.organization;
    $('cert-ou').textContent = certificate.organizationalUnit;
    $('cert-cn').textContent = certificate.commonName;
    $('cert-serial').textContent = certificate.serialNumber;
    $('cert-not-before').textContent = certificate.notBefore;
    $('cert-not-after').textContent = certificate.notAfter;
    const p12 = await InkanPki.pkcs12(keys, certificate.pem, certificate.chainPem, passphrase, certificate.commonName);
    const link = $('download');
    link.href = URL.createObjectURL(new Blob([p12], { type: 'application/x-pkcs12' }));
    link.download = certificate.commonName.replace(/[^A-Za-z0-9_-]/g, '_') + '.p12';
    show('step-done');
  }

  $('issue').addEventListener('click', issue);
  for (const id of ['passphrase', 'passphrase-again']) {
    $(id).addEventListener('keydown', (e) => { if (e.key === 'Enter') issue(); });
  }
})();
