// The byte helpers live in src/shared, where the decoders use them too.
export * from '@shared/bytes'
