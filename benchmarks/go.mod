module github.com/tickforge/tickforge/benchmarks

go 1.26.0

require github.com/tickforge/tickforge v0.0.0

require (
	github.com/go-gl/mathgl v1.2.0 // indirect
	github.com/mattn/go-colorable v0.1.14 // indirect
	github.com/mattn/go-isatty v0.0.20 // indirect
	github.com/mlange-42/arche v0.15.3 // indirect
	github.com/rs/zerolog v1.35.1 // indirect
	golang.org/x/sys v0.49.0 // indirect
)

replace github.com/tickforge/tickforge => ../
