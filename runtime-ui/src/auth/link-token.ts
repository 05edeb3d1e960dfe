/** The single-use token an e-mailed link carries in `?token=`. */
export const linkToken = (): string =>
  typeof window === 'undefined' ? '' : (new URLSearchParams(window.location.search).get('token') ?? '');

/** After an account page: the app's home, loaded afresh with the new session. */
export const goHome = () => window.location.assign('/');
