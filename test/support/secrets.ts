// The signing secrets of every test app and token, in a module of their own so that tests
// without a database can use them without world.ts (which needs the test database).
export const testSecrets = {
  jwtSecret: 'test-jwt-secret-0123456789abcdef0123456789',
  pageTokenSecret: 'test-page-token-secret-0123456789abcdef0123',
};
