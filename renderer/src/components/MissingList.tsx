/** A list of what is missing; each item is a button that goes to the place to fix it. */
import type { MissingItem } from '../../../shared/model';
import { useNavigation } from '../hooks';
import { locationOfFix } from '../routes';

export function MissingList({ items, className = 'link-list missing-list' }: { readonly items: readonly MissingItem[]; readonly className?: string }) {
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
            {item.message}
          </button>
        </li>
      ))}
    </ul>
  );
}
