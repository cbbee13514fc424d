"""Wall posters of the family chart: a form, a background job that draws and tiles the chart, and the download."""
