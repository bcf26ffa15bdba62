/// A binary heap that pops its largest element first.
struct MaxHeap<Element: Comparable> {
    private var items: [Element] = []

    /// The largest element, if any.
    var peek: Element? { items.first }

    /// - Complexity: O(log n).
    mutating func push(_ element: Element) {
        items.append(element)
        var i = items.count - 1
        while i > 0, items[(i - 1) / 2] < items[i] {
            items.swapAt(i, (i - 1) / 2)
            i = (i - 1) / 2
        }
    }

    /// Removes and returns the largest element. - Complexity: O(log n).
    mutating func pop() -> Element? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var largest = i
                if l < items.count && items[largest] < items[l] { largest = l }
                if r < items.count && items[largest] < items[r] { largest = r }
                if largest == i { break }
                items.swapAt(i, largest)
                i = largest
            }
        }
        return top
    }
}
