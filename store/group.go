package store

import (
	"slices"
	"strings"
)

// groupBy groups rows by the unit unitOf names ("" for none), in their order,
// each group allocated once: a province's 160,000 stints were copied again
// and again by growing slices.
func groupBy[T any](rows []T, unitOf func(T) string) map[string][]T {
	n := map[string]int{}
	for _, r := range rows {
		n[unitOf(r)]++
	}
	out := make(map[string][]T, len(n))
	for _, r := range rows {
		u := unitOf(r)
		if u == "" {
			continue
		}
		if out[u] == nil {
			out[u] = make([]T, 0, n[u])
		}
		out[u] = append(out[u], r)
	}
	return out
}

// regroup is groupBy without the copy: it reorders rows in place by unit,
// keeping their order within a unit, and gives each unit its part of rows.
// The stints and trainings are regrouped so: copied, they were 45 MB of a
// province's 首页's peak. The pooled figures of rows do not depend on their
// order (warnings puts these two tables back in theirs).
func regroup[T any](rows []T, unitOf func(T) string) map[string][]T {
	of, units := groupsOf(rows, unitOf)
	rank := make([]int32, len(units)) // the units in the order rows first name them
	for k := range rank {
		rank[k] = int32(k)
	}
	first := gather(rows, of, rank)
	out := make(map[string][]T, len(units))
	for k, u := range units {
		if u != "" {
			out[u] = rows[first[k]:first[k+1]:first[k+1]]
		}
	}
	return out
}

// sortGrouped is slices.SortFunc(rows, cmp) for a cmp that orders rows by
// group first: the rows are gathered group by group in the groups' order,
// moving each about once, and then each group is sorted. A province's
// stints come from the database in blocks, one per file received, each in
// order already: sorted whole they took 0.2 s of the 互派互聘 list's
// opening, sorted so 0.05 s.
func sortGrouped[T any](rows []T, group func(T) string, cmp func(a, b T) int) {
	of, keys := groupsOf(rows, group)
	order := make([]int32, len(keys))
	for k := range order {
		order[k] = int32(k)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(keys[a], keys[b]) })
	rank := make([]int32, len(keys))
	for r, k := range order {
		rank[k] = int32(r)
	}
	first := gather(rows, of, rank)
	for r := range keys {
		slices.SortFunc(rows[first[r]:first[r+1]], cmp)
	}
}

// groupsOf numbers the groups of rows in the order rows first name them:
// of[i] is row i's group, keys[k] group k's name.
func groupsOf[T any](rows []T, group func(T) string) (of []int32, keys []string) {
	index := map[string]int32{}
	of = make([]int32, len(rows))
	for i, r := range rows {
		g := group(r)
		k, ok := index[g]
		if !ok {
			k = int32(len(keys))
			index[g] = k
			keys = append(keys, g)
		}
		of[i] = k
	}
	return of, keys
}

// gather reorders rows in place so that the rows of each group (of[i], as
// groupsOf gives) come together, the groups in the order of their rank,
// each keeping its rows' order. It uses of up, and gives where the rows of
// each rank start, and last len(rows).
func gather[T any](rows []T, of, rank []int32) []int32 {
	first := make([]int32, len(rank)+1)
	for _, k := range of {
		first[rank[k]+1]++
	}
	for r := range rank {
		first[r+1] += first[r]
	}
	next := slices.Clone(first[:len(rank)])
	dest := of // reused: of[i] is read before dest[i] is set
	for i, k := range of {
		r := rank[k]
		dest[i] = next[r]
		next[r]++
	}
	// move each row to its place, a cycle at a time
	for i := range rows {
		for dest[i] != int32(i) {
			j := dest[i]
			rows[i], rows[j] = rows[j], rows[i]
			dest[i], dest[j] = dest[j], dest[i]
		}
	}
	return first
}
