// The Express 4 devDependency (`express4: npm:express@4`), typed with Express's own types: the
// tests use only what both majors share.
declare module 'express4' {
  import express from 'express'
  export default express
}
