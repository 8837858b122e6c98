import { Link } from '../components/Link';

export function NotFoundPage() {
  return (
    <p>
      There is no page here. Go to the <Link href="/">overview</Link>.
    </p>
  );
}
