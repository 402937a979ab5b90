/** A list of what is missing; each item is a button that goes to the place to fix it. */
import type { MissingItem } from '../../../shared/model';
import { useNavigation } from '../hooks';
import { locationOfFix } from '../routes';

export function MissingList({
  items,
  className = 'link-list missing-list',
}: {
  readonly items: readonly MissingItem[];
  readonly className?: string;
}) {
  const navigation = useNavigation();
  return (
    <ul className={className}>
      {items.map((item, index) => (
        <li key={index}>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              const location = locationOfFix(item.fix);
              navigation.go(location.route, location.focus);
            }}
          >
            {sentence(item.message)}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Each item reads as a sentence, whatever the message starts with ("outcome 3 has no indicators"). */
function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
