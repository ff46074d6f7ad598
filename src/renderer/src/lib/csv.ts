// The CSV helpers live in src/shared, where main's recording export uses them too.
export * from '@shared/csv'
