export {
  type CredentialSecuring,
  type CredentialSecuringFormat,
  type OpenedCredential,
  openCredential,
} from './open-credential.ts';
