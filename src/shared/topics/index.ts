export * from './utf8'
export * from './validate'
export * from './match'
export * from './textMatch'
