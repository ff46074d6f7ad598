import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { makeTempDir } from './cleanup'
import { run } from './exec'
import { brokerFacts, type CertificateFiles } from './types'

const clientKeyPassphrase = 'test-client-key-passphrase'

// One config for every openssl step: extension sections per certificate role, and a minimal `openssl ca`
// setup, which is the only way OpenSSL 3.0 signs a certificate with an explicit validity in the past.
function opensslConfig(dir: string): string {
  return `
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ ca_ext ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ server_ext ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:${brokerFacts.tlsServerName}
[ client_ext ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
subjectAltName = DNS:brokerscope-test-client
[ ca ]
default_ca = test_ca
[ test_ca ]
database = ${join(dir, 'index.txt')}
new_certs_dir = ${dir}
serial = ${join(dir, 'serial')}
default_md = sha256
policy = any_policy
copy_extensions = none
unique_subject = no
[ any_policy ]
commonName = supplied
`
}

const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes']

async function generate(): Promise<CertificateFiles> {
  const dir = makeTempDir('mqtt-test-certs-').path
  const file = (name: string): string => join(dir, name)
  const config = file('openssl.cnf')
  writeFileSync(config, opensslConfig(dir))
  writeFileSync(file('index.txt'), '')
  writeFileSync(file('serial'), '1000\n')
  const openssl = (...args: string[]): Promise<string> => run('openssl', args, dir)
  const subject = `/CN=${brokerFacts.tlsServerName}`
  const signByCa = (name: string, extensions: string): Promise<string> => openssl(
    'x509', '-req', '-in', file(`${name}.csr`), '-CA', file('ca.crt'), '-CAkey', file('ca.key'),
    '-CAcreateserial', '-days', '3650', '-sha256', '-extfile', config, '-extensions', extensions, '-out', file(`${name}.crt`)
  )

  await openssl('req', '-x509', '-new', '-config', config, '-extensions', 'ca_ext', ...ecKey, '-days', '3650',
    '-subj', '/CN=Brokerscope Test CA', '-keyout', file('ca.key'), '-out', file('ca.crt'))

  await openssl('req', '-new', '-config', config, ...ecKey, '-subj', subject, '-keyout', file('server.key'), '-out', file('server.csr'))
  await signByCa('server', 'server_ext')

  await openssl('req', '-new', '-config', config, ...ecKey, '-subj', subject, '-keyout', file('expired.key'), '-out', file('expired.csr'))
  await openssl('ca', '-batch', '-config', config, '-notext', '-in', file('expired.csr'), '-cert', file('ca.crt'),
    '-keyfile', file('ca.key'), '-extfile', config, '-extensions', 'server_ext',
    '-startdate', '20200101000000Z', '-enddate', '20200102000000Z', '-out', file('expired.crt'))

  await openssl('req', '-x509', '-new', '-config', config, '-extensions', 'server_ext', ...ecKey, '-days', '3650',
    '-subj', subject, '-keyout', file('selfSigned.key'), '-out', file('selfSigned.crt'))

  // PKCS#8 with AES-256, as users' encrypted client keys usually are.
  await openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-aes-256-cbc',
    '-pass', `pass:${clientKeyPassphrase}`, '-out', file('client.key'))
  await openssl('req', '-new', '-config', config, '-key', file('client.key'), '-passin', `pass:${clientKeyPassphrase}`,
    '-subj', '/CN=brokerscope-test-client', '-out', file('client.csr'))
  await signByCa('client', 'client_ext')

  return {
    ca: file('ca.crt'), caKey: file('ca.key'),
    serverCert: file('server.crt'), serverKey: file('server.key'),
    expiredCert: file('expired.crt'), expiredKey: file('expired.key'),
    selfSignedCert: file('selfSigned.crt'), selfSignedKey: file('selfSigned.key'),
    clientCert: file('client.crt'), clientKey: file('client.key'), clientKeyPassphrase
  }
}

let cached: Promise<CertificateFiles> | undefined

/** The test certificates, generated with the openssl CLI once per process into a temp dir removed at exit. */
export function testCertificates(): Promise<CertificateFiles> {
  if (!cached) {
    cached = generate()
    cached.catch(() => { cached = undefined })
  }
  return cached
}
