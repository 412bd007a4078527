// The panel lives on a socket; the server load only checks access.
export const ssr = false;
