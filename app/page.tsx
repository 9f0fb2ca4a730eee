export default function HomePage() {
  return <main>Cloud API Platform</main>;
}
