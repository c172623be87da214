package ingest

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Source is one input of a batch: a file, stdin or an HTTP request body.
type Source struct {
	Name string // path as given, "-" for stdin
	Size int64  // bytes on disk (compressed), -1 when unknown
	// Open opens the raw (possibly gzip-compressed) bytes.
	Open func() (io.ReadCloser, error)
	// Err, when set, is reported as this source's failure (e.g. a path
	// that does not exist) and Open is not called.
	Err error
}

// ReaderSource wraps an already open stream (stdin, a request body).
func ReaderSource(name string, r io.Reader) Source {
	return Source{Name: name, Size: -1, Open: func() (io.ReadCloser, error) { return io.NopCloser(r), nil }}
}

// FileSource is the source for one regular file.
func FileSource(path string, size int64) Source {
	return Source{Name: path, Size: size, Open: func() (io.ReadCloser, error) { return os.Open(path) }}
}

// Expand turns command-line paths into sources: files as they are,
// directories recursively in lexical order (hidden files and directories
// skipped), "-" as stdin. A path that cannot be read becomes a source with
// Err set, so it is reported in order with the rest of the batch.
func Expand(paths []string, stdin io.Reader) []Source {
	var out []Source
	for _, p := range paths {
		if p == "-" {
			out = append(out, ReaderSource("-", stdin))
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			out = append(out, Source{Name: p, Err: pathErr(err)})
			continue
		}
		if !fi.IsDir() {
			if !fi.Mode().IsRegular() {
				out = append(out, Source{Name: p, Err: fmt.Errorf("not a regular file")})
				continue
			}
			out = append(out, FileSource(p, fi.Size()))
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				out = append(out, Source{Name: path, Err: pathErr(err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			fi, err := os.Stat(path) // follows symlinks to files
			if err != nil {
				out = append(out, Source{Name: path, Err: pathErr(err)})
				return nil
			}
			if fi.Mode().IsRegular() {
				out = append(out, FileSource(path, fi.Size()))
			}
			return nil
		})
		if err != nil {
			out = append(out, Source{Name: p, Err: pathErr(err)})
		}
	}
	return out
}

// pathErr drops the path that os errors repeat (the source name already
// says it), keeping the reason.
func pathErr(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
