import { api } from './api'

/** MQTT 5 requests in main: publish with a response topic and correlation data, and wait for the paired reply. */
export const requestService = api.request
