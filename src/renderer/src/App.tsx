export function App(): React.JSX.Element {
  return <main>MQTT Explorer</main>
}
