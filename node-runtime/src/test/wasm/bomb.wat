;; Grows its memory 16 pages (1 MiB) at a time, for as long as it is let.
(module
  (memory 1)
  (func (export "_start")
    (loop $more
      (drop (memory.grow (i32.const 16)))
      (br $more))))
