//go:build !unix

package ner

func processCPU() int64 { return 0 }
