// The audience's page lives on a socket; there is nothing useful to render on the server.
export const ssr = false;
