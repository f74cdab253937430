// Vite's ?raw imports: a file's text (a migration read by its test).
declare module '*.sql?raw' {
  const text: string
  export default text
}
